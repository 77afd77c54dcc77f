// Pictures and PNG files live in ImageFiles, built with Swift's checks kept because it parses
// files users hand in; this module holds the kernels (resampling, palettes, dithering, text),
// built -Ounchecked. Whoever imports Imaging gets both.
@_exported import ImageFiles

"""Shared pieces of the Ganvas training pipeline: seeded latents and the model file format."""

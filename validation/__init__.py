"""Checks that prove the iraq-election-seats data package sound, layer by layer."""

"""Commands that build parts of the package from its tables and schemas."""

"""One module per platform: the grammar of its flattened text and the reader of its HTML markup."""

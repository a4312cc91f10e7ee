"""What the pages print: each page's tables, charts and diagrams, one call per block."""

"""Back-office views, one module per page. Thin: parse, call a service or query, render."""

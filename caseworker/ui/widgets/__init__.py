"""Small shared widgets and helpers of the window: badges, table plumbing, display formats."""

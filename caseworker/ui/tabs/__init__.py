"""The open file's detail tabs: each a small widget fed a `files.FileDetail`."""

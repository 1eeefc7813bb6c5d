"""The window's notice screens: issue one notice with a preview, a batch, and the PDF viewer."""

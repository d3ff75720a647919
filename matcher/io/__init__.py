"""Reading and validating the input files: the people file and the pair files."""

"""The question banks and the round registry, shipped inside the package as `interviewer.prompts`."""

"""Rule files to compiled rules: the rule model, the files, YAML with line numbers, the schema, the taxonomy, the binding of rules to tags, and the cache of compiled rules."""

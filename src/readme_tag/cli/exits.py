"""The exit codes every command shares (0 ok, 1 a check failed or an internal error, 2 usage or input, 3 a batch or a stream of prompts with failed inputs)."""

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INPUT = 2
EXIT_SOME_FAILED = 3

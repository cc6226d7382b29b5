"""``python -m openai_doctor ARGS``: the bundled ``openai-doctor`` with ARGS."""

from ._binary import main

if __name__ == "__main__":
    main()

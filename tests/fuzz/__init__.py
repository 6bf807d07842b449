"""Coverage-guided fuzzing of every parser that sees card or camera data (issue 10).

    scripts/fuzz [TARGET] [--seconds N]        run with atheris (libFuzzer), see docs/fuzzing.md
    tests/fuzz/targets.py                      the harness of each target
    tests/fuzz/corpus/<target>/                the committed seed corpus
    tests/fuzz/seeds.py                        how the corpus was built (re-run to rebuild)
"""

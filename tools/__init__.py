"""Build and install checks: the wheel smoke test, the frozen program (build_app)."""

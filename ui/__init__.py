"""The Gradio command-centre UI: ``build_app(assistant)`` and ``launch(settings)``."""

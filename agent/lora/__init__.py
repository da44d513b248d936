"""A small causal LM fine-tuned with LoRA to call the assistant's tools and to write
grounded plan summaries (issue 13).

Modules: ``slots`` (scenario vocabulary), ``schema`` (the tool vocabulary and the
compact output format), ``prompts`` (the system prompts, and the
file that records which one an adapter was trained with), ``data`` (training-set builder), ``train`` (``eca train-llm``
and ``python -m agent.lora.train``), ``decode`` (constrained decoding and the
name check), ``evaluate`` (scoring against the operator request set).
"""

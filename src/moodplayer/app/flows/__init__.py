"""View glue: each flow connects some widgets to one use case of ``core``.

A flow submits the use case's work to a worker (the model's thread or the
tasks thread), and turns the results into what the widgets show. It
decides nothing a second front-end would need: those rules live in core.
"""

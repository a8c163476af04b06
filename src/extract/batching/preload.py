"""Imported by the batch's forkserver before it forks any child: the pipeline's imports and
per-process set-up (pipeline.warm_up) are paid once, not once per file."""
from ..pipeline import warm_up

warm_up()

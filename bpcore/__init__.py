"""bpcore: backpropagation on small fully connected networks, computed exactly.

Every number, table and chart of the site comes from here.
"""

from bpcore.article import QUOTED, Row, printed_scale, reconcile
from bpcore.errors import (
    BpError,
    DivergedError,
    EmptyBatchError,
    LearningRateError,
    NonFiniteError,
    ShapeError,
    UnknownActivationError,
)
from bpcore.example import Example, example
from bpcore.gradcheck import (
    GradCheck,
    flatten,
    gradient_check,
    numerical_gradients,
    parameter_names,
    relative_error,
    unflatten,
)
from bpcore.gradients import ChainFactors, Gradients, chain_factors, gradients, loss, loss_terms
from bpcore.network import ACTIVATIONS, Network, Trace, activation, forward, network
from bpcore.training import History, step, train

__all__ = [
    "ACTIVATIONS",
    "QUOTED",
    "BpError",
    "ChainFactors",
    "DivergedError",
    "EmptyBatchError",
    "Example",
    "GradCheck",
    "Gradients",
    "History",
    "LearningRateError",
    "Network",
    "NonFiniteError",
    "Row",
    "ShapeError",
    "Trace",
    "UnknownActivationError",
    "activation",
    "chain_factors",
    "example",
    "flatten",
    "forward",
    "gradient_check",
    "gradients",
    "loss",
    "loss_terms",
    "network",
    "numerical_gradients",
    "parameter_names",
    "printed_scale",
    "reconcile",
    "relative_error",
    "step",
    "train",
    "unflatten",
]

"""bpcore: backpropagation on small fully connected networks, computed exactly.

The engine: networks and the forward pass, the loss and its gradients,
training and the gradient check. It imports numpy and nothing else; the
site that explains it lives in [`bpcore.site`][bpcore.site].
"""

from bpcore.activations import ACTIVATIONS, Activation, activation
from bpcore.backprop import Gradients, article_gradients, gradients, loss, loss_terms
from bpcore.errors import (
    ArgumentTypeError,
    BpError,
    DivergedError,
    EmptyBatchError,
    LearningRateError,
    NonFiniteError,
    ShapeError,
    UnknownActivationError,
)
from bpcore.gradcheck import (
    GradCheck,
    flatten,
    gradient_check,
    numerical_gradients,
    parameter_names,
    relative_error,
    unflatten,
)
from bpcore.model import Network, Trace, forward, network
from bpcore.training import History, step, train

__all__ = [
    "ACTIVATIONS",
    "Activation",
    "ArgumentTypeError",
    "BpError",
    "DivergedError",
    "EmptyBatchError",
    "GradCheck",
    "Gradients",
    "History",
    "LearningRateError",
    "Network",
    "NonFiniteError",
    "ShapeError",
    "Trace",
    "UnknownActivationError",
    "activation",
    "article_gradients",
    "flatten",
    "forward",
    "gradient_check",
    "gradients",
    "loss",
    "loss_terms",
    "network",
    "numerical_gradients",
    "parameter_names",
    "relative_error",
    "step",
    "train",
    "unflatten",
]

"""The worked examples, and the one registry of every value they name.

Adding an example is a module beside these with a ``values()`` function, and
one line here.
"""

from bpcore.site.examples import article, mazur, worked, xor
from bpcore.site.registry import Registry

REGISTRY = Registry()
"""Every named value and quotation of the site, by source."""
REGISTRY.register("example", worked.values, bounds=worked.ROUNDOFF_BOUNDS)
REGISTRY.register("article", lambda: article.verdicts(worked.record()), quotes=article.QUOTED)
REGISTRY.register("xor", xor.values, bounds=xor.ROUNDOFF_BOUNDS)
REGISTRY.register("mazur", lambda: {**mazur.values(), **mazur.verdicts()}, quotes=mazur.QUOTED)

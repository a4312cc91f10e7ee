"""The site layer: what turns the engine's results into the pages of the site.

It reads in the order of the pipeline:

- [`examples`][bpcore.site.examples]: one module per worked example, each
  computing one frozen record of everything its pages show, and the
  [`REGISTRY`][bpcore.site.examples.REGISTRY] of named values they fill;
- [`render`][bpcore.site.render]: the generic kit (number formatting, tables,
  charts, and the Markdown extensions for ``$...$`` and ``[[name]]``), which
  imports no example;
- [`pages`][bpcore.site.pages]: the tables, charts and diagrams of each page,
  built with the kit from the examples' records;
- [`golden`][bpcore.site.golden] and [`drift`][bpcore.site.drift]: the golden
  file and the check of a built site against the registry, and
  [`pageweight`][bpcore.site.pageweight], the one page-weight crawler and
  budget that the tests and the benchmark share.

Importing ``bpcore`` does not import this package; it needs the ``site`` extra
(matplotlib, latex2mathml, Markdown, Beautiful Soup).
"""

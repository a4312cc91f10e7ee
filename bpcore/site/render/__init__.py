"""The rendering kit: numbers, tables, charts and the Markdown extensions.

Generic: nothing here imports an example. A value reaches the kit as a
[`Named`][bpcore.site.render.numbers.Named] (its name, its unrounded value and
the digits to show), and the ``[[name]]`` extension looks names up in the
registry its configuration names.
"""

"""Output: figures and tables saved reproducibly (:mod:`~briefkit.output.export`), tables shown
escaped in notebooks (:mod:`~briefkit.output.display`) and the reader's HTML report
(:mod:`~briefkit.output.htmlreport`, ``python -m briefkit.output.htmlreport BUILD``), with the
package's matplotlib style and the CDN-free nbconvert template beside them.

The most used names (``save_figure``, ``save_table``, ``show``, ``use_style`` ...) are also
available from the top-level :mod:`briefkit` namespace.
"""

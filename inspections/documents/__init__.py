"""Documents the tracker produces: letters and board papers, from a Django template to a PDF.

- text.py: free text (paragraphs and "- " bullet lists) parsed into blocks that templates escape;
- renderer.py: WeasyPrint with a URL fetcher that reaches only static files and data: URLs;
- images.py: uploaded images checked by their content;
- registry.py: which builder turns a RenderedDocument of each kind into HTML;
- section55.py: the Section 55 response letter.

Keep this module free of imports: models import images.py from here.
"""

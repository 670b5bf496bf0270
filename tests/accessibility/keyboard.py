"""Driving pages with the keyboard alone, checking at each Tab what a keyboard user relies on: the
focus is visible (WCAG 2.4.7) and not hidden off screen (2.4.11), it moves forward through the page in
the order of its content (2.4.3), and it never gets stuck (2.1.2)."""

from dataclasses import dataclass

# What has the focus: its name as a user would hear it, and whether they can see where it is.
FOCUSED = """
() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const name = (el.getAttribute('aria-label') || label || el.innerText || el.value || el.id || '').trim();
  const previous = window.__keyboardPrevious;
  // A date field has several stops (day, month, year, its calendar button) within the one element.
  const forward = !previous || !previous.isConnected || previous === el ||
    Boolean(previous.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  window.__keyboardPrevious = el;
  return {
    name: name.replace(/\\s+/g, ' '),
    tag: el.tagName.toLowerCase(),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    shadow: style.boxShadow !== 'none',
    on_screen: box.bottom > 0 && box.right > 0 && box.top < window.innerHeight && box.left < window.innerWidth,
    size: box.width * box.height,
    forward: forward,
  };
}
"""

POSITIVE_TABINDEX = "() => [...document.querySelectorAll('[tabindex]')].filter(el => el.tabIndex > 0).length"


@dataclass
class Stop:
    name: str
    tag: str
    visible_focus: bool
    on_screen: bool
    forward: bool


class KeyboardUser:
    """Presses keys on a page and keeps every tab stop it passes, for the checks at the end."""

    def __init__(self, page, limit=400):
        self.page = page
        self.limit = limit
        self.stops = []
        self.problems = []

    def press(self, key):
        self.page.keyboard.press(key)

    def type(self, text):
        self.page.keyboard.type(text)

    def focused(self):
        found = self.page.evaluate(FOCUSED)
        if found is None:
            return None
        stop = Stop(found["name"], found["tag"], (found["outline"] or found["shadow"]) and found["size"] > 0,
                    found["on_screen"], found["forward"])
        where = f"{self.page.url}: {stop.tag} “{stop.name[:50]}”"
        if not stop.visible_focus:
            self.problems.append(f"no visible focus on {where}")
        if not stop.on_screen:
            self.problems.append(f"the focus is off screen on {where}")
        return stop

    def tab(self, shift=False):
        self.press("Shift+Tab" if shift else "Tab")
        stop = self.focused()
        if stop is not None:
            self.stops.append(stop)
        return stop

    def tab_to(self, name, tag=None):
        """Tab forward until the focus is on the control whose name starts with `name`."""
        for _ in range(self.limit):
            stop = self.tab()
            if stop is None:
                continue
            if not stop.forward:
                self.problems.append(f"the focus went backwards to {stop.tag} “{stop.name[:50]}” on {self.page.url}")
            if stop.name.startswith(name) and (tag is None or stop.tag == tag):
                return stop
        raise AssertionError(f"Tab never reached “{name}” on {self.page.url}")

    def activate(self, name, tag=None):
        """Tab to a link or button and press Enter on it; wait for the page it opens."""
        self.tab_to(name, tag)
        self.submit()

    def submit(self):
        with self.page.expect_navigation():
            self.press("Enter")

    def tab_round_the_page(self):
        """Tab from the top of the page until the focus comes round to the first stop again: every
        control is reachable, the order goes forward, and nothing keeps the focus (no trap)."""
        # The next Tab starts from the top of the page, as when it has just opened.
        self.page.evaluate("""() => {
          const start = document.createElement('span');
          start.tabIndex = -1;
          document.body.prepend(start);
          start.focus();
          window.__keyboardPrevious = null;
        }""")
        first = self.tab()
        seen = 1
        for _ in range(self.limit):
            stop = self.tab()
            if stop is None:  # the focus left the page for the browser's own controls
                continue
            seen += 1
            if (stop.name, stop.tag) == (first.name, first.tag):
                return first, seen
            if not stop.forward:
                self.problems.append(f"the focus went backwards to {stop.tag} “{stop.name[:50]}” on {self.page.url}")
        raise AssertionError(f"The focus never came back to the top of {self.page.url}: a keyboard trap?")

    def positive_tabindexes(self):
        return self.page.evaluate(POSITIVE_TABINDEX)

"""Measurements in the browser for WCAG 2.2's layout criteria: reflow at 320 CSS px (1.4.10), text
resized to 200% (1.4.4) and the size of targets (2.5.8). Each returns what fails, described well
enough to find it on the page; an empty list passes."""

# An element, briefly: tag, id or classes, and the start of its text.
_DESCRIBE = """
function describe(el) {
  const id = el.id ? '#' + el.id : '';
  const classes = el.classList && el.classList.length ? '.' + [...el.classList].join('.') : '';
  const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40);
  return el.tagName.toLowerCase() + id + classes + (text ? ` “${text}”` : '');
}
function scrolls(el) {
  const overflow = getComputedStyle(el).overflowX;
  return overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden' || overflow === 'clip';
}
function visible(el) {
  const box = el.getBoundingClientRect();
  const style = getComputedStyle(el);
  return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none';
}
"""


def _script(body):
    """A function for page.evaluate: the helpers above, then the body's statements."""
    return "() => {" + _DESCRIBE + body + "}"

# Content wider than the viewport that is not inside a region of its own that scrolls: elements, and
# text running out of its element (a long word).
OVERFLOW = _script("""
  const width = document.documentElement.clientWidth;
  const inScroller = el => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (scrolls(up)) return true;
    }
    return false;
  };
  const wide = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el) || el.getBoundingClientRect().right <= width + 1 || inScroller(el)) continue;
    if (!wide.some(outer => outer.contains(el))) wide.push(el);
  }
  const found = wide.slice(0, 8).map(el => `${describe(el)} (${Math.round(el.getBoundingClientRect().right)} px)`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode() && found.length < 8) {
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    const right = range.getBoundingClientRect().right;
    const parent = walker.currentNode.parentElement;
    if (right > width + 1 && visible(parent) && !inScroller(walker.currentNode)) {
      const text = walker.currentNode.textContent.trim().slice(0, 40);
      found.push(`text “${text}” in ${describe(parent)} (${Math.round(right)} px)`);
    }
  }
  return {page: document.documentElement.scrollWidth, viewport: width, wide: found};
""")

# Every visible element holding text of its own, with its font size: compared before and after the
# browser's text size is doubled. SVG text is left out: each chart's words and numbers are in the
# HTML table and summary beside it, which resize.
FONT_SIZES = """
() => {
  const sizes = [];
  const all = document.body.querySelectorAll('*');
  all.forEach((el, index) => {
    if (el.closest('svg')) return;
    const own = [...el.childNodes].some(n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    const box = el.getBoundingClientRect();
    if (!own || box.width <= 1 || box.height <= 1) return;
    const name = el.tagName.toLowerCase() + (el.classList.length ? '.' + [...el.classList].join('.') : '');
    sizes.push([index, parseFloat(getComputedStyle(el).fontSize), name]);
  });
  return sizes;
}
"""

# Text cut off by a box too small for it (overflow hidden), once the text is bigger.
CLIPPED = _script("""
  const clipped = [];
  for (const el of document.body.querySelectorAll('*')) {
    if (!visible(el) || el.closest('svg') || el.classList.contains('visually-hidden')) continue;
    if (el.matches('input, select, textarea')) continue;  // a long value scrolls inside its field
    const style = getComputedStyle(el);
    const hides = v => v === 'hidden' || v === 'clip';
    if (!(hides(style.overflowX) || hides(style.overflowY))) continue;
    if (el.getBoundingClientRect().width <= 1) continue;
    if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1) clipped.push(describe(el));
  }
  return clipped.slice(0, 8);
""")

# Controls smaller than 24 by 24 CSS px (links within text are excepted by WCAG 2.5.8, and left to axe's
# target-size rule, which also allows for spacing).
SMALL_TARGETS = _script("""
  const small = [];
  const controls = 'button, input:not([type=hidden]), select, textarea, summary, a.button, [role=button]';
  for (const el of document.querySelectorAll(controls)) {
    if (!visible(el)) continue;
    const box = el.getBoundingClientRect();
    if (box.width < 24 || box.height < 24) {
      small.push(`${describe(el)} (${box.width.toFixed(1)}×${box.height.toFixed(1)})`);
    }
  }
  return small;
""")


def overflow(page):
    """Content that makes the page scroll sideways, or [] when it fits the viewport."""
    measured = page.evaluate(OVERFLOW)
    if measured["page"] <= measured["viewport"]:
        return []
    return [f"the page is {measured['page']} px wide in a {measured['viewport']} px viewport"] + measured["wide"]


def set_text_size(page, standard):
    """The browser's own text size setting (as a user sets it), in px: 16 is the default."""
    session = page.context.new_cdp_session(page)
    session.send("Page.setFontSizes", {"fontSizes": {"standard": standard, "fixed": round(standard * 13 / 16)}})
    session.detach()


def text_that_does_not_resize(page, factor=2):
    """Text whose size does not follow the browser's text size, and text cut off once it is bigger."""
    before = {index: (size, name) for index, size, name in page.evaluate(FONT_SIZES)}
    set_text_size(page, 16 * factor)
    try:
        after = {index: size for index, size, _ in page.evaluate(FONT_SIZES)}
        fixed = sorted({f"{name} ({size:g} px)" for index, (size, name) in before.items()
                        if index in after and after[index] < size * factor * 0.95})
        return fixed[:8] + [f"cut off: {text}" for text in page.evaluate(CLIPPED)] + overflow(page)
    finally:
        set_text_size(page, 16)


def small_targets(page):
    return page.evaluate(SMALL_TARGETS)

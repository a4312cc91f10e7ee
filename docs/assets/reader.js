// Table cells labelled by their column (site.css stacks rows on phones, unless the table fits
// as it is: data-bp-fits); a number's full value on a tap or Tab, hidden by a second tap, a tap
// elsewhere or Escape.
(() => {
  const d = document;
  d.documentElement.classList.add("bp-js");
  for (const t of d.querySelectorAll("article table:not([class]):not([data-bp-fits])")) {
    const heads = [...t.querySelectorAll("thead th")];
    if (!heads.length) continue;
    t.setAttribute("data-bp-stack", "");
    for (const tr of t.querySelectorAll("tbody tr"))
      [...tr.children].forEach((c, k) => {
        if (c.tagName !== "TD" || !heads[k]?.textContent.trim()) return;
        if (!c.childNodes.length) c.className = "bp-empty";
        const l = d.createElement("span");
        l.className = "bp-label";
        l.append(...[...heads[k].childNodes].map(n => n.cloneNode(true)));
        c.prepend(l);
      });
  }
  let tip = null, open = null;
  const hide = () => { tip?.remove(); open?.removeAttribute("aria-describedby"); tip = open = null; };
  const show = n => {
    hide();
    open = n;
    tip = d.createElement("span");
    tip.className = "bp-tip";
    tip.id = "bp-tip";
    tip.setAttribute("role", "status");
    tip.textContent = `${n.getAttribute("title")} (${n.getAttribute("data-name")})`;
    d.body.append(tip);
    const r = n.getBoundingClientRect(), w = d.documentElement.clientWidth;
    const left = Math.max(8, Math.min(r.left, w - tip.offsetWidth - 8));
    tip.style.left = `${left + scrollX}px`;
    tip.style.top = `${r.bottom + scrollY + 4}px`;
    n.setAttribute("aria-describedby", "bp-tip");
  };
  for (const n of d.querySelectorAll(".bp-num[title]")) n.setAttribute("tabindex", "0");
  d.addEventListener("click", e => {
    const n = e.target.closest?.(".bp-num[title]");
    if (n && n !== open) show(n); else hide();
  });
  d.addEventListener("focusin", e => {
    const n = e.target.closest?.(".bp-num[title]");
    if (n && n !== open && n.matches(":focus-visible")) show(n);
  });
  d.addEventListener("keydown", e => { if (e.key === "Escape") hide(); });
})();

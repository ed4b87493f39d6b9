package ui

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// rowKind tells options from the group headings and notes between them.
type rowKind int

const (
	rowOption rowKind = iota
	rowGroup
	rowInfo
	// rowHeader names the columns; it aligns with the options.
	rowHeader
)

// row is one line of an option list. Columns of option rows are aligned.
type row struct {
	kind rowKind
	// value is what choosing the row sets (a SKU, an OS name, …).
	value string
	cols  []string
	// price is right of the columns: a backend price, "…" while unknown.
	price string
	// note is a short tag after the columns ("deprecated", "end of life").
	note string
	// reason, when set, makes the option impossible: it stays visible,
	// dimmed, with the reason beside it.
	reason string
	// problem marks a chosen value that has become impossible.
	problem string
	// hasFix says a one-key fix exists for the reason.
	hasFix bool
	// terse marks a disabled option whose reason is on its group's
	// heading: the row shows only "✗".
	terse bool
}

// hoistReasons moves a reason shared by every option of a group onto the
// group's heading, so a narrow list says it once, in full.
func hoistReasons(rows []row) {
	for g := 0; g < len(rows); g++ {
		if rows[g].kind != rowGroup {
			continue
		}
		end := g + 1
		for end < len(rows) && rows[end].kind == rowOption {
			end++
		}
		if end-g < 3 {
			continue
		}
		reason := rows[g+1].reason
		same := reason != ""
		for _, r := range rows[g+1 : end] {
			same = same && r.reason == reason
		}
		if !same {
			continue
		}
		rows[g].reason = reason
		for i := g + 1; i < end; i++ {
			rows[i].terse = true
		}
	}
}

func (r row) selectable() bool { return r.kind == rowOption }
func (r row) disabled() bool   { return r.reason != "" }

// firstSelectable returns the first option row at or after i, else -1.
func firstSelectable(rows []row, i int) int {
	for ; i < len(rows); i++ {
		if i >= 0 && rows[i].selectable() {
			return i
		}
	}
	return -1
}

// firstEnabled returns the first option row that is not disabled, or the
// first option row when all are, or -1.
func firstEnabled(rows []row) int {
	for i, r := range rows {
		if r.selectable() && !r.disabled() {
			return i
		}
	}
	return firstSelectable(rows, 0)
}

// indexOf returns the option row whose value is v, or -1.
func indexOf(rows []row, v string) int {
	for i, r := range rows {
		if r.selectable() && r.value == v {
			return i
		}
	}
	return -1
}

// moveCursor moves from cur by delta option rows (skipping headings),
// stopping at the ends.
func moveCursor(rows []row, cur, delta int) int {
	if len(rows) == 0 {
		return 0
	}
	step := 1
	if delta < 0 {
		step, delta = -1, -delta
	}
	for ; delta > 0; delta-- {
		n := cur + step
		for n >= 0 && n < len(rows) && !rows[n].selectable() {
			n += step
		}
		if n < 0 || n >= len(rows) {
			break
		}
		cur = n
	}
	return cur
}

// listKeys applies the cursor keys to a list; ok is false when msg is not
// a cursor key.
func listKeys(k *KeyMap, msg keyMsg, rows []row, cur, page int) (int, bool) {
	switch {
	case matches(msg, k.Up):
		return moveCursor(rows, cur, -1), true
	case matches(msg, k.Down):
		return moveCursor(rows, cur, 1), true
	case matches(msg, k.PageUp):
		return moveCursor(rows, cur, -max(page, 1)), true
	case matches(msg, k.PageDown):
		return moveCursor(rows, cur, max(page, 1)), true
	case matches(msg, k.Home):
		return moveCursor(rows, -1, 1), true
	case matches(msg, k.End):
		return moveCursor(rows, len(rows), -1), true
	}
	return cur, false
}

// renderList draws rows in width×height cells with the cursor row marked,
// scrolling so the cursor stays visible and saying when rows are hidden.
// The rows' words go through the glyph set first (Glyphs.Text), so that
// columns line up in ASCII too.
func renderList(st *Styles, rows []row, cursor, width, height int) string {
	if height <= 0 || width <= 0 || len(rows) == 0 {
		return ""
	}
	rows = glyphRows(&st.Glyphs, rows)
	// Column widths over option rows.
	var colW []int
	for _, r := range rows {
		if r.kind != rowOption && r.kind != rowHeader {
			continue
		}
		for i, c := range r.cols {
			if i >= len(colW) {
				colW = append(colW, 0)
			}
			colW[i] = max(colW[i], cellWidth(c))
		}
	}
	priceW := 0
	for _, r := range rows {
		priceW = max(priceW, cellWidth(r.price))
	}
	if n := len(colW); n > 0 && priceW == 0 && colW[n-1] > width/2 {
		// A long last column (an OS's full name, an SSH key) is not
		// padded to its longest cell, which would push every note and
		// reason off the line: the short cells are padded to the longest
		// short one, so that their notes and reasons still line up.
		colW[n-1] = lastShortWidth(rows, n-1, width/2)
	}

	// Every row is laid out, which says how many lines it takes; only
	// those shown are inked.
	lines := make([][]inked, len(rows))
	multi := false
	d := &rowDraw{st: st, colW: colW, priceW: priceW, width: width}
	for i, r := range rows {
		lines[i] = d.row(r, i == cursor)
		multi = multi || len(lines[i]) > 1
	}
	if multi {
		return renderRowBlocks(st, rows, lines, cursor, width, height)
	}

	start, end := window(len(rows), cursor, height)
	start, end = showHeading(rows, cursor, start, end, height)
	var out []string
	for i := start; i < end; i++ {
		switch {
		case i == start && start > 0:
			out = append(out, moreLine(st, st.Glyphs.Up, start, width))
			continue
		case i == end-1 && end < len(rows):
			out = append(out, moreLine(st, st.Glyphs.Down, len(rows)-end+1, width))
			continue
		}
		out = append(out, lines[i][0]())
	}
	return strings.Join(out, "\n")
}

// inked is a line of a list laid out, whose styles are applied when it is
// called: a list lays out all its rows, to know their heights, and draws
// only those on screen.
type inked func() string

// inkIn is the line s in style.
func inkIn(style lipgloss.Style, s string) inked { return func() string { return style.Render(s) } }

// ink draws lines.
func ink(lines []inked) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l()
	}
	return out
}

// lastShortWidth is the widest cell of column col, among option and header
// rows, that is at most limit wide.
func lastShortWidth(rows []row, col, limit int) int {
	w := 0
	for _, r := range rows {
		if (r.kind == rowOption || r.kind == rowHeader) && col < len(r.cols) {
			if cw := cellWidth(r.cols[col]); cw <= limit {
				w = max(w, cw)
			}
		}
	}
	return w
}

// renderRowBlocks draws rows of which some take more than one line (a
// reason under its option) in height lines: whole rows around the cursor,
// with the heading of the cursor's group kept in view when there is room,
// and "↑ n more" and "↓ n more" lines counting the rows hidden.
func renderRowBlocks(st *Styles, rows []row, lines [][]inked, cursor, width, height int) string {
	n := len(rows)
	cursor = max(0, min(cursor, n-1))
	heights := make([]int, n)
	for i, l := range lines {
		heights[i] = len(l)
	}
	first, last := blockWindow(heights, cursor, height)
	if h := groupOf(rows, cursor); h >= 0 && h < first && blocksFit(heights, h, cursor, height) {
		// The heading fits with the cursor's row: start there and fill
		// below.
		first, last = h, cursor
		for last+1 < n && blocksFit(heights, first, last+1, height) {
			last++
		}
	}
	var out []string
	if first > 0 {
		out = append(out, moreLine(st, st.Glyphs.Up, first, width))
	}
	shown := 0
	for _, l := range lines[first : last+1] {
		shown += len(l)
	}
	if len(out)+shown+min(n-1-last, 1) > height {
		return strings.Join(ink(lines[cursor][:min(height, len(lines[cursor]))]), "\n")
	}
	for _, l := range lines[first : last+1] {
		out = append(out, ink(l)...)
	}
	if last < n-1 {
		out = append(out, moreLine(st, st.Glyphs.Down, n-1-last, width))
	}
	return strings.Join(out, "\n")
}

// blocksFit reports whether rows a…b, of heights lines each, fit in height
// lines with the "n more" lines they need above and below.
func blocksFit(heights []int, a, b, height int) bool {
	used := 0
	for _, h := range heights[a : b+1] {
		used += h
	}
	if a > 0 {
		used++
	}
	if b < len(heights)-1 {
		used++
	}
	return used <= height
}

// groupOf is the index of the heading of row i's group, or -1.
func groupOf(rows []row, i int) int {
	for ; i >= 0; i-- {
		if rows[i].kind == rowGroup {
			return i
		}
	}
	return -1
}

// moreLine says that n rows are hidden above or below a list ("  ↑ 3
// more"), arrow being Glyphs.Up or Glyphs.Down.
func moreLine(st *Styles, arrow string, n, width int) string {
	return st.Subtle.Render(st.Glyphs.Truncate("  "+arrow+" "+itoa(n)+" more", width))
}

// glyphRows is rows with their words as the glyph set shows them; the
// Unicode set returns rows itself.
func glyphRows(g *Glyphs, rows []row) []row {
	if g.text == nil {
		return rows
	}
	out := make([]row, len(rows))
	for i, r := range rows {
		r.cols = append([]string(nil), r.cols...)
		for j, c := range r.cols {
			r.cols[j] = g.Text(c)
		}
		r.price, r.note, r.reason, r.problem = g.Text(r.price), g.Text(r.note), g.Text(r.reason), g.Text(r.problem)
		out[i] = r
	}
	return out
}

// renderBlocks draws a list whose entries take one or more lines each
// (Review's summary: a value wraps, a refusal goes under it) in height
// lines: all of them when they fit, else whole entries around the cursor's,
// with "↑ n more" and "↓ n more" lines saying how many entries are hidden
// above and below, as renderList does for rows. An entry taller than the
// room is cut.
func renderBlocks(st *Styles, blocks [][]string, cursor, width, height int) string {
	n := len(blocks)
	if n == 0 || height <= 0 {
		return ""
	}
	cursor = max(0, min(cursor, n-1))
	heights := make([]int, n)
	for i, b := range blocks {
		heights[i] = len(b)
	}
	first, last := blockWindow(heights, cursor, height)
	var out []string
	if first > 0 {
		out = append(out, moreLine(st, st.Glyphs.Up, first, width))
	}
	for _, b := range blocks[first : last+1] {
		out = append(out, b...)
	}
	if last < n-1 {
		out = append(out, moreLine(st, st.Glyphs.Down, n-1-last, width))
	}
	if len(out) > height {
		// The cursor's entry alone is taller than the room: its first lines.
		out = blocks[cursor][:min(height, len(blocks[cursor]))]
	}
	return strings.Join(out, "\n")
}

// blockWindow picks the entries first…last (heights lines each) to show in
// height lines around cursor, counting a line for each "n more" line it
// needs; it grows below and above the cursor's entry in turn, so the
// cursor stays near the middle, as window does.
func blockWindow(heights []int, cursor, height int) (first, last int) {
	n := len(heights)
	fits := func(a, b int) bool {
		used := 0
		for _, h := range heights[a : b+1] {
			used += h
		}
		if a > 0 {
			used++
		}
		if b < n-1 {
			used++
		}
		return used <= height
	}
	first, last = cursor, cursor
	for grew := true; grew; {
		grew = false
		if last+1 < n && fits(first, last+1) {
			last, grew = last+1, true
		}
		if first > 0 && fits(first-1, last) {
			first, grew = first-1, true
		}
	}
	return first, last
}

// window picks the rows to show: all when they fit, else a slice around
// the cursor.
func window(n, cursor, height int) (int, int) {
	if n <= height {
		return 0, n
	}
	start := cursor - height/2
	start = max(0, min(start, n-height))
	return start, start + height
}

// showHeading moves the window up so that the heading of the cursor's
// group is on screen (it may carry the group's reason), as long as the
// cursor stays on screen too.
func showHeading(rows []row, cursor, start, end, height int) (int, int) {
	h := -1
	for i := min(cursor, len(rows)-1); i >= 0; i-- {
		if rows[i].kind == rowGroup {
			h = i
			break
		}
	}
	first := start
	if start > 0 {
		first = start + 1 // the first line says "↑ n more"
	}
	if h < 0 || h >= first {
		return start, end
	}
	ns := max(0, h-1) // room for "↑ n more" above the heading
	ne := min(len(rows), ns+height)
	last := ne
	if ne < len(rows) {
		last = ne - 1 // the last line says "↓ n more"
	}
	if cursor >= last {
		return start, end
	}
	return ns, ne
}

// renderRow draws a row in lines of width cells: one, or, when a reason
// (or a note with it) does not fit beside the row, the row and then the
// reason wrapped under it, indented, so that it is never cut.
func renderRow(st *Styles, r row, focused bool, colW []int, priceW, width int) []string {
	d := &rowDraw{st: st, colW: colW, priceW: priceW, width: width}
	return ink(d.row(r, focused))
}

// rowDraw draws the rows of one list (renderRow): the columns' widths,
// and the tails that many rows share ("" on an option that is possible,
// "  ✗" beside one whose reason is on its heading), styled once per list
// rather than once per row.
type rowDraw struct {
	st            *Styles
	colW          []int
	priceW, width int
	tails         map[tailKey]string
}

// tailKey is a tail in a style: reason (the Reason style) or not (Error).
type tailKey struct {
	text   string
	reason bool
}

// tail is text in the Reason style, or the Error style, drawn once per
// list.
func (d *rowDraw) tail(text string, reason bool) string {
	k := tailKey{text, reason}
	if t, ok := d.tails[k]; ok {
		return t
	}
	style := d.st.Error
	if reason {
		style = d.st.Reason
	}
	t := style.Render(text)
	if d.tails == nil {
		d.tails = map[tailKey]string{}
	}
	d.tails[k] = t
	return t
}

// row is renderRow for a row of d's list, laid out but not yet inked.
func (d *rowDraw) row(r row, focused bool) []inked {
	st, colW, priceW, width := d.st, d.colW, d.priceW, d.width
	g := &st.Glyphs
	switch r.kind {
	case rowGroup:
		head := g.Truncate(r.cols[0], width)
		if r.reason == "" {
			return []inked{inkIn(st.Group, head)}
		}
		tail := "  " + g.Cross + " " + r.reason
		if cellWidth(head)+cellWidth(tail) <= width {
			return []inked{func() string { return st.Group.Render(head + st.Reason.Render(tail)) }}
		}
		return append([]inked{inkIn(st.Group, head)}, under(st.Reason, g.Cross+" "+r.reason, 2, width)...)
	case rowInfo:
		return under(st.Subtle, strings.Join(r.cols, " "), 2, width)
	case rowHeader:
		hdr := r
		hdr.kind = rowOption
		line := d.row(hdr, false)[0]
		return []inked{func() string { return st.Subtle.Render(ansi.Strip(line())) }}
	}
	var b strings.Builder
	for i, c := range r.cols {
		if i > 0 {
			b.WriteString("  ")
		}
		// A long last cell is wider than its column (renderList pads
		// the last column to its short cells) and is left as it is.
		b.WriteString(padRight(c, colW[i]))
	}
	if priceW > 0 {
		b.WriteString("  ")
		b.WriteString(strings.Repeat(" ", priceW-cellWidth(r.price)) + r.price)
	}
	text := b.String()
	mark := "  "
	if focused {
		mark = g.Cursor
	}
	avail := width - 2
	var why string
	switch {
	case r.reason != "" && !r.terse:
		why = g.Cross + " " + r.reason
	case r.problem != "":
		why = g.Cross + " " + r.problem
	}
	terse := ""
	if r.terse {
		terse = "  " + g.Cross
	}
	note := ""
	if r.note != "" {
		note = "  " + r.note
	}
	tail := ""
	if why != "" {
		tail = "  " + why
	}
	tailStyle := st.Error
	if r.reason != "" {
		tailStyle = st.Reason
	}
	style := func(main, tail string) string {
		if r.reason != "" {
			return st.Disabled.Render(main) + d.tail(tail, true)
		}
		// The cursor row is marked by its "›" alone (CursorMark): its
		// text stays plain, so a move rewrites only the two marks and
		// not the padded rows (issue #15).
		return main + d.tail(tail, false)
	}
	first := func(main, tail string) inked {
		return func() string {
			if focused {
				return st.CursorMark.Render(mark) + style(main, tail)
			}
			return mark + style(main, tail)
		}
	}
	w := cellWidth
	if w(text)+w(note)+w(terse)+w(tail) <= avail {
		return []inked{first(text+note, terse+tail)}
	}
	// Too long for one line: the row (cut only when its own columns are
	// wider than the line) keeps a terse ✗ beside it; the note and the
	// reason go under it, wrapped.
	main := g.Truncate(text, avail-w(terse))
	out := []inked{first(main, terse)}
	if note != "" && w(main)+w(note)+w(terse) <= avail && why == "" {
		return []inked{first(main+note, terse)}
	}
	noteStyle := st.Subtle
	if r.reason != "" {
		noteStyle = st.Disabled
	}
	if note != "" {
		if why != "" && w(note)+w(tail) <= avail-2 {
			return append(out, func() string { return "    " + noteStyle.Render(r.note) + tailStyle.Render(tail) })
		}
		out = append(out, under(noteStyle, r.note, 4, width)...)
	}
	if why != "" {
		out = append(out, under(tailStyle, why, 4, width)...)
	}
	return out
}

// under is s wrapped to width less indent, each line indented and styled.
func under(style lipgloss.Style, s string, indent, width int) []inked {
	pad := strings.Repeat(" ", indent)
	ls := lines(wrap(s, max(width-indent, 1)))
	out := make([]inked, len(ls))
	for i, l := range ls {
		out[i] = func() string { return pad + style.Render(l) }
	}
	return out
}

// block joins non-empty parts with newlines.
func block(parts ...string) string {
	var keep []string
	for _, p := range parts {
		if p != "" {
			keep = append(keep, p)
		}
	}
	return strings.Join(keep, "\n")
}

// height of a rendered block in lines.
func heightOf(s string) int {
	if s == "" {
		return 0
	}
	return lipgloss.Height(s)
}

// withDetail stacks body over detail with a blank line between, cutting
// the body (never the detail) to fit height lines.
func withDetail(body, detail string, height int) string {
	if detail == "" {
		return fitLines(body, height)
	}
	dh := heightOf(detail)
	if dh >= height {
		return fitLines(detail, height)
	}
	room := height - dh - 1
	if room <= 0 {
		return fitLines(detail, height)
	}
	return fitLines(body, room) + "\n\n" + detail
}

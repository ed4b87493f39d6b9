package ui

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/memset-order/memset-order/api"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// Review's script view (issue #11): the order on screen as the
// `memset-order order` command, as the exact create request Memset is
// sent, and as a curl line, each to read or copy. The API key is never in
// any of them: the curl line reads it from $MEMSET_API_KEY when it runs.

// orderRequester is what a Backend may also do: say the create request it
// sends for an order. *api.Client does; for a Backend that does not, the
// request is built from the catalogue (catalogueRequest).
type orderRequester interface {
	OrderRequest(o model.Order, dryRun bool) (api.Request, error)
}

// The api client says its requests.
var _ orderRequester = (*api.Client)(nil)

// scriptItem is a text the script view copies.
type scriptItem int

const (
	// copiedNothing: nothing copied since the view opened.
	copiedNothing scriptItem = iota
	// copiedCommand: the memset-order command.
	copiedCommand
	// copiedCurl: the curl line.
	copiedCurl
)

// String is the item as the copy notice names it.
func (i scriptItem) String() string {
	switch i {
	case copiedCommand:
		return "the command"
	case copiedCurl:
		return "the curl line"
	}
	return "nothing"
}

// orderScript is an order as text to run or send.
type orderScript struct {
	// command is `memset-order order …`, every word shell-quoted.
	command string
	// req is the price check's create request (dry_run=1); reqErr says
	// why there is none.
	req    api.Request
	reqErr error
	// curl is req as one curl line ("" without req).
	curl string
}

// newOrderScript is the order on screen as a script. b is asked for the
// exact request when it can say it (orderRequester).
func newOrderScript(e *env, b Backend) orderScript {
	sc := orderScript{command: order.CommandLine(e.cat, e.order, e.sandbox, e.endpoint)}
	if r, ok := b.(orderRequester); ok {
		sc.req, sc.reqErr = r.OrderRequest(e.order, true)
	} else {
		sc.req, sc.reqErr = catalogueRequest(e)
	}
	if sc.reqErr == nil {
		sc.curl = sc.req.Curl()
	}
	return sc
}

// catalogueRequest is the price check's request as a client at the
// wizard's endpoint sends it (api.RequestFor), for a Backend that cannot
// say its own.
func catalogueRequest(e *env) (api.Request, error) {
	if e.prod == nil {
		return api.Request{}, errors.New("no product is chosen")
	}
	return api.RequestFor(e.endpoint, e.cat, e.order, true)
}

// scriptView is the state of Review's script view.
type scriptView struct {
	open bool
	// top is the first line shown when the view scrolls.
	top int
	// copied is what was copied last, for the notice.
	copied scriptItem
}

// show opens the view at its top, with no notice.
func (v *scriptView) show() { *v = scriptView{open: true} }

// update handles a key while the view is open: copy, scroll or close.
func (v *scriptView) update(k keyMsg, e *env, sc orderScript) tea.Cmd {
	km := e.keys
	script, _, room := v.layout(e, sc)
	page := max(room-1, 1)
	switch {
	case matches(k, km.Back, km.Script):
		v.open = false
	case matches(k, km.CopyCommand):
		v.copied = copiedCommand
		return tea.SetClipboard(sc.command)
	case matches(k, km.CopyCurl) && sc.curl != "":
		v.copied = copiedCurl
		return tea.SetClipboard(sc.curl)
	case matches(k, km.Up):
		v.top--
	case matches(k, km.Down):
		v.top++
	case matches(k, km.PageUp):
		v.top -= page
	case matches(k, km.PageDown):
		v.top += page
	case matches(k, km.Home):
		v.top = 0
	case matches(k, km.End):
		v.top = len(script)
	}
	v.top = v.clampTop(e, sc)
	return nil
}

// keys are the view's keys for the help line.
func (v *scriptView) keys(e *env, sc orderScript) []key.Binding {
	k := e.keys
	ks := []key.Binding{with(k.CopyCommand, "copy command", true), with(k.CopyCurl, "copy curl", sc.curl != "")}
	if script, _, room := v.layout(e, sc); len(script) > room {
		ks = append(ks, with(k.navKeys(), "scroll", true))
	}
	return append(ks, with(k.Back, "close", true))
}

// notice says what was copied (none before anything is).
func (v *scriptView) notice(e *env) []string {
	if v.copied == copiedNothing {
		return nil
	}
	return styled(e.st.Success, wrapWords("Copied "+v.copied.String()+" (OSC 52: your terminal must allow it)", e.width))
}

// layout is the view's lines: the script, spaced out under a title when
// it fits, dense otherwise; the notice under it; and the room the script
// has, which it scrolls in when it has more lines.
func (v *scriptView) layout(e *env, sc orderScript) (script, notice []string, room int) {
	parts, notice := scriptParts(e, sc), v.notice(e)
	script = []string{e.st.Title.Render(truncate("Your order as a script", e.width))}
	for _, p := range parts {
		script = append(append(script, ""), p...)
	}
	if len(notice) > 0 {
		notice = append([]string{""}, notice...)
	}
	if len(script)+len(notice) <= e.height {
		return script, notice, e.height - len(notice)
	}
	script, notice = nil, v.notice(e)
	for _, p := range parts {
		script = append(script, p...)
	}
	if len(notice) > 0 && len(script)+len(notice)+1 <= e.height {
		notice = append([]string{""}, notice...)
	}
	return script, notice, max(e.height-len(notice), 2)
}

// clampTop keeps top within the lines there are.
func (v *scriptView) clampTop(e *env, sc orderScript) int {
	script, _, room := v.layout(e, sc)
	if len(script) <= room {
		return 0
	}
	return min(max(v.top, 0), len(script)-(room-1))
}

// view is the script, scrolled to top when it does not fit (its last
// line then says how much is hidden), and the notice.
func (v *scriptView) view(e *env, sc orderScript) string {
	ls, notice, room := v.layout(e, sc)
	if len(ls) > room {
		top := v.clampTop(e, sc)
		end := top + room - 1
		var more []string
		if end < len(ls) {
			more = append(more, "↓ "+itoa(len(ls)-end)+" more")
		} else {
			end = len(ls)
		}
		if top > 0 {
			more = append(more, "↑ "+itoa(top)+" above")
		}
		ls = append(slices.Clone(ls[top:end]), e.st.Subtle.Render(truncate(strings.Join(more, " · ")+" (↑↓ scroll)", e.width)))
	}
	return strings.Join(append(ls, notice...), "\n")
}

// scriptParts are the view's parts: what stops the order (if anything),
// the command, the API request, the curl line and, in the sandbox, where
// its address works.
func scriptParts(e *env, sc orderScript) [][]string {
	st, w := e.st, e.width
	code := func(s string) []string {
		var out []string
		for _, l := range wrapWords(s, max(w-2, 10)) {
			out = append(out, "  "+l)
		}
		return out
	}
	head := func(name, note string) []string {
		ls := wrapWords(name+" · "+note, w)
		out := styled(st.Subtle, ls)
		out[0] = st.Title.Render(name) + st.Subtle.Render(strings.TrimPrefix(ls[0], name))
		return out
	}
	var parts [][]string
	if len(e.problems()) > 0 {
		parts = append(parts, styled(st.Error, wrapWords(placeBlocker(e), w)))
	}
	parts = append(parts, append(head("Command", "--dry-run shows the price, --yes places it"), code(sc.command)...))
	if sc.reqErr != nil {
		why := styled(st.Error, wrapWords("✗ "+model.Printable(sc.reqErr.Error()), w))
		return append(parts, append(head("API request", "cannot be shown"), why...))
	}
	placeNote := "dry_run=0 places the order for real"
	if e.sandbox {
		placeNote = "dry_run=0 places it in the sandbox"
	}
	req := head("API request", model.Printable(string(sc.req.Method))+" · "+placeNote)
	req = append(req, code("POST "+model.Printable(sc.req.URL))...)
	for _, l := range paramLines(sc.req.Params, max(w-2, 10)) {
		req = append(req, code(l)...)
	}
	parts = append(parts, req)
	parts = append(parts, append(head("curl", "reads the key from $MEMSET_API_KEY"), code(sc.curl)...))
	if e.sandbox {
		parts = append(parts, styled(st.Warning, wrapWords("This address exists only inside this program. The curl line works against `memset-order sandbox` (its address as --api-url, its key in MEMSET_API_KEY).", w)))
	}
	return parts
}

// wrapWords wraps s at spaces only, so that no word of a command or a URL
// is split at a hyphen. A word wider than a line is broken across lines,
// never cut: after a slash where one fits, so a URL breaks between its
// parts. Spaces inside a line are kept as they are.
func wrapWords(s string, width int) []string {
	width = max(width, 1)
	var out []string
	cur, started := "", false
	for _, word := range strings.Split(s, " ") {
		if started && ansi.StringWidth(cur)+1+ansi.StringWidth(word) <= width {
			cur += " " + word
			continue
		}
		if started {
			// A word no line can hold starts on this one when a part of
			// it up to a slash fits.
			if ansi.StringWidth(word) > width {
				if head, rest, ok := cutWord(word, width-ansi.StringWidth(cur)-1, true); ok {
					cur, word = cur+" "+head, rest
				}
			}
			out = append(out, cur)
		}
		started = true
		for ansi.StringWidth(word) > width {
			head, rest, _ := cutWord(word, width, false)
			out = append(out, head)
			word = rest
		}
		cur = word
	}
	return append(out, cur)
}

// cutWord splits word where a line of width cells ends: after the last
// slash that fits or, unless slashOnly, at the width (at least one
// character). ok is false when it did not split.
func cutWord(word string, width int, slashOnly bool) (head, rest string, ok bool) {
	if width <= 0 {
		if slashOnly {
			return "", word, false
		}
		width = 1
	}
	fit := ansi.Truncate(word, width, "")
	// Not inside a URL's "scheme://".
	from := 0
	if j := strings.Index(word, "://"); j >= 0 {
		from = j + 3
	}
	if i := strings.LastIndexByte(fit, '/'); i >= from && i > 0 {
		return word[:i+1], word[i+1:], true
	}
	if slashOnly {
		return "", word, false
	}
	if fit == "" {
		_, n := utf8.DecodeRuneInString(word)
		fit = word[:n]
	}
	return fit, word[len(fit):], true
}

// styled is each line rendered with style.
func styled(style lipgloss.Style, ls []string) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = style.Render(l)
	}
	return out
}

// paramLines lists the form parameters as name=value, two spaces apart,
// as many to a line as fit in width; one with a space in its value gets a
// line (or lines) of its own, so where it ends is plain.
func paramLines(ps []api.Param, width int) []string {
	var ls []string
	cur := ""
	for _, p := range ps {
		s := model.Printable(p.Name) + "=" + model.Printable(p.Value)
		switch {
		case strings.ContainsRune(s, ' '):
			if cur != "" {
				ls, cur = append(ls, cur), ""
			}
			ls = append(ls, s)
		case cur == "":
			cur = s
		case ansi.StringWidth(cur)+2+ansi.StringWidth(s) <= width:
			cur += "  " + s
		default:
			ls, cur = append(ls, cur), s
		}
	}
	if cur != "" {
		ls = append(ls, cur)
	}
	return ls
}

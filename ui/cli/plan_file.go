package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/memset-order/memset-order/api/credentials"
	"github.com/memset-order/memset-order/api/order"
	"github.com/memset-order/memset-order/model"
)

// planVersion is the plan file format's version.
const planVersion = 1

// maxPlanBytes bounds a plan file: a plan is a few hundred bytes.
const maxPlanBytes = 64 << 10

// planFile is what `order --plan-out` saves and `apply` reads: the order
// as its create call's parameters, where it was priced, and the price.
type planFile struct {
	Version  int       `json:"memset_order_plan"`
	Created  time.Time `json:"created"`
	Endpoint string    `json:"endpoint"`
	Sandbox  bool      `json:"sandbox"`
	Product  string    `json:"product"`
	Method   string    `json:"method"`
	// Params are the create call's parameters as sent, without dry_run.
	Params  map[string]string `json:"params"`
	Command string            `json:"command"`
	// Quote is the dry run the plan was reviewed with.
	Quote quoteJSON `json:"quote"`
}

// planPath names plan files in messages.
var planPath = credentials.UserFile{Label: "plan file", Flag: "FILE"}

// newPlan is the plan of o, priced q.
func newPlan(b *Backend, o model.Order, q model.Quote, now time.Time) planFile {
	doc := newOrderJSON(b, o)
	return planFile{Version: planVersion, Created: now.UTC().Truncate(time.Second), Endpoint: b.Endpoint, Sandbox: b.Embedded,
		Product: doc.Product, Method: doc.Method, Params: doc.Params, Command: doc.Command, Quote: *quoteOf(q)}
}

// checkPlanOut refuses, before anything is asked of Memset, a --plan-out
// file that exists (without force) or whose folder does not.
func checkPlanOut(path string, force bool) error {
	fi, err := os.Lstat(path)
	switch {
	case err == nil && fi.IsDir():
		return usageError(fmt.Errorf("--plan-out %s is a folder; give a file name", quoteArg(path)))
	case err == nil && !force:
		return usageError(fmt.Errorf("--plan-out %s exists; give another name, or --force to replace it", quoteArg(path)))
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return fmt.Errorf("--plan-out %s: %s", quoteArg(path), strings.TrimSuffix(errText(errors.Unwrap(err)), "."))
	}
	dir := path[:max(0, strings.LastIndex(path, "/"))]
	if dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return usageError(fmt.Errorf("--plan-out %s: the folder %s does not exist", quoteArg(path), quoteArg(dir)))
		}
	}
	return nil
}

// savePlan writes the plan to path, through a temporary file renamed into
// place, so that a plan is never half written.
func savePlan(path string, force bool, p planFile) error {
	if err := checkPlanOut(path, force); err != nil {
		return err
	}
	data, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, append(data, '\n'), 0o600); err != nil {
		return fmt.Errorf("the plan could not be saved in %s: %s", quoteArg(path), strings.TrimSuffix(errText(errors.Unwrap(err)), "."))
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("the plan could not be saved in %s: %s", quoteArg(path), strings.TrimSuffix(errText(errors.Unwrap(err)), "."))
	}
	return nil
}

// loadPlan reads a plan file: a regular file, at most maxPlanBytes, of
// the known version, with no field this program does not know.
func loadPlan(path string) (planFile, error) {
	var p planFile
	f, err := planPath.OpenRead(path)
	if err != nil {
		return p, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPlanBytes+1))
	if err != nil {
		return p, fmt.Errorf("plan file %s could not be read: %s", quoteArg(path), strings.TrimSuffix(errText(err), "."))
	}
	bad := func(why string) error {
		return fmt.Errorf("plan file %s is not a memset-order plan: %s (make one with memset-order order … --plan-out FILE)", quoteArg(path), why)
	}
	if len(data) > maxPlanBytes {
		return p, bad(fmt.Sprintf("it is larger than %d KiB", maxPlanBytes>>10))
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode(&p); err != nil {
		return p, bad(oneLine(strings.TrimPrefix(err.Error(), "json: ")))
	}
	switch {
	case p.Version != planVersion:
		return p, bad(fmt.Sprintf("its version is %d; this program reads version %d", p.Version, planVersion))
	case p.Product == "" || p.Params == nil:
		return p, bad("it names no product or parameters")
	case p.Endpoint == "":
		return p, bad("it does not say where it was priced")
	}
	if _, err := p.quote(); err != nil {
		return p, bad("its price " + err.Error())
	}
	return p, nil
}

// quote is the plan's dry run as the order desk compares it.
func (p planFile) quote() (model.Quote, error) {
	cur := model.Currency(p.Quote.Currency)
	if !cur.Valid() {
		return model.Quote{}, fmt.Errorf("is in an unknown currency %s", quoteArg(p.Quote.Currency))
	}
	total, err := model.ParsePrice(string(p.Quote.NetTotal))
	if err != nil {
		return model.Quote{}, errors.New("has an unreadable net_total")
	}
	setup, err := model.ParsePrice(string(p.Quote.NetSetupPrice))
	if err != nil {
		return model.Quote{}, errors.New("has an unreadable net_setup_price")
	}
	return model.Quote{SKU: p.Quote.SKU, Currency: cur, DryRun: true,
		NetTotal: model.Money{Amount: total, Currency: cur}, NetSetup: model.Money{Amount: setup, Currency: cur}}, nil
}

// answers are the plan's parameters as the order's answers.
func (p planFile) answers(cat *model.Catalogue) (order.Answers, error) {
	a := order.Answers{Product: p.Product}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range p.Params {
			if !yield(k) {
				return
			}
		}
	}) {
		v := p.Params[k]
		switch k {
		case model.ParamSKU:
			a.SKU = v
		case model.ParamOS:
			a.OS = v
		case model.ParamDiscountCode:
			a.Discount = v
		case model.ParamAddToNextBill:
			switch v {
			case "1":
				a.BillTo = order.BillToWord(model.BillNextBill)
			case "0":
				a.BillTo = order.BillToWord(model.BillNow)
			default:
				return a, fmt.Errorf("add_to_next_bill is %s, not 1 or 0", quoteArg(v))
			}
		case model.ParamDryRun:
			return a, errors.New("it holds dry_run, which the command decides")
		default:
			a.Set = append(a.Set, k+"="+v)
		}
	}
	return a, nil
}

// paramChanges lists how two parameter sets differ ("period: 3 → 1",
// "backups: added 50", "vlan: dropped").
func paramChanges(was, now map[string]string) []string {
	var out []string
	keys := map[string]bool{}
	for k := range was {
		keys[k] = true
	}
	for k := range now {
		keys[k] = true
	}
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range keys {
			if !yield(k) {
				return
			}
		}
	}) {
		a, inA := was[k]
		b, inB := now[k]
		switch {
		case inA && !inB:
			out = append(out, oneLine(k)+": "+oneLine(a)+" is no longer sent")
		case !inA && inB:
			out = append(out, oneLine(k)+": "+oneLine(b)+" would now be sent")
		case a != b:
			out = append(out, oneLine(k)+": "+oneLine(a)+" → "+oneLine(b))
		}
	}
	return out
}

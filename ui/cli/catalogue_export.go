package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/memset-order/memset-order/model"
)

// CatalogueExportOptions is what `memset-order catalogue export` needs.
type CatalogueExportOptions struct {
	IO            *IOStreams
	CatalogueFile string
	// Path is the file to write ("" for standard output).
	Path string
	// Force replaces an existing file.
	Force bool
}

// newCmdCatalogueExport is `memset-order catalogue export`.
func newCmdCatalogueExport(f *Factory, g *Globals) *cobra.Command {
	opts := &CatalogueExportOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "export [--output FILE]",
		Short: "Write the catalogue as JSON, to edit and load with --catalogue",
		Long: `Write the active catalogue (the built-in one, or the one given with
--catalogue) as JSON that --catalogue FILE loads again: a copy to edit.
It goes to standard output unless --output names a file; an existing file
is only replaced with --force.

` + samplePricesText,
		Example: `  memset-order catalogue export > catalogue.json
  memset-order catalogue export --output catalogue.json
  memset-order --catalogue catalogue.json catalogue`,
		Args: noArgs,
		RunE: func(*cobra.Command, []string) error {
			opts.CatalogueFile = g.CatalogueFile
			return runCatalogueExport(opts)
		},
	}
	cmd.Flags().StringVar(&opts.Path, "output", "", "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "replace FILE if it exists")
	g.addGlobals(cmd, flagCatalogue)
	return cmd
}

// runCatalogueExport writes the active catalogue as JSON.
func runCatalogueExport(opts *CatalogueExportOptions) error {
	data, version, n, err := exportCatalogue(opts.CatalogueFile)
	if err != nil {
		return err
	}
	if opts.Path == "" {
		_, err := opts.IO.Out.Write(data)
		return err
	}
	if err := writeNewFile(opts.Path, data, opts.Force); err != nil {
		return err
	}
	_, err = fmt.Fprintf(opts.IO.ErrOut, "Wrote catalogue %s (%s) to %s; use it with --catalogue %s\n",
		oneLine(version), count(n, "product", "products"), oneLine(opts.Path), shellQuote(oneLine(opts.Path)))
	return err
}

// exportCatalogue is the active catalogue as JSON that LoadCatalogue reads
// back, with its version and number of products. The built-in catalogue
// is its own source, byte for byte; a --catalogue file is written as it
// was loaded (and checked), one key a line.
func exportCatalogue(path string) (data []byte, version string, products int, err error) {
	cat, err := LoadCatalogue(path)
	if err != nil {
		return nil, "", 0, err
	}
	if path == "" {
		data = model.DefaultCatalogueJSON()
	} else {
		var b bytes.Buffer
		if err := encodeJSON(&b, cat, " "); err != nil {
			return nil, "", 0, fmt.Errorf("catalogue: %w", err)
		}
		data = b.Bytes()
	}
	if !bytes.HasSuffix(data, []byte("\n")) {
		data = append(data, '\n')
	}
	return data, cat.Version, len(cat.Products), nil
}

// writeNewFile writes data to path. An existing path is refused unless
// force is set; then the file is replaced whole (written beside it and
// renamed over it), so that a failed write never leaves half a catalogue.
func writeNewFile(path string, data []byte, force bool) error {
	if !force {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("--output %s: the file exists; add --force to replace it", oneLine(path))
		}
		if err != nil {
			return fmt.Errorf("--output: %w", err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(path)
			return fmt.Errorf("--output: %w", err)
		}
		return nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".catalogue-*.json")
	if err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(0o644)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return nil
}

package dictionary

// Load reads the dictionary files at paths (see [Parse] for their formats)
// and builds one dictionary of all their entries, in the order given. A file
// that cannot be read is an error. Bad lines and bad entries fail the load
// with an [ErrorList] naming each one by file and line, unless opts.SkipBad
// is set, in which case they are left out and reported by
// [Dictionary.Warnings].
func Load(paths []string, opts Options) (*Dictionary, error) {
	if len(paths) == 0 {
		return nil, ErrEmpty
	}
	var all []Entry
	var bad ErrorList
	for _, p := range paths {
		entries, errs, err := ParseFile(p)
		if err != nil {
			return nil, err
		}
		all = append(all, entries...)
		bad = append(bad, errs...)
	}
	d, err := New(all, opts)
	if !opts.SkipBad && (len(bad) > 0 || err != nil) {
		if list, ok := err.(ErrorList); ok {
			bad = append(bad, list...)
		}
		bad.sort()
		return nil, bad
	}
	if len(bad) > 0 {
		d.warnings = append(d.warnings, bad...)
		d.warnings.sort()
	}
	return d, nil
}

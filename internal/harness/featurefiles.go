package harness

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing/fstest"

	"github.com/graphconform/graphconform/features"
)

// maxFeatureFileBytes bounds a feature file read from disk.
const maxFeatureFileBytes = 1 << 20

// FeatureFiles returns the feature files of a run: graphconform's own when builtin is set, and every
// *.feature file of paths — files, or folders searched below. A file keeps the path it was given by
// when that path is below the working directory, and is named by its folder's name and its path
// below it otherwise.
func FeatureFiles(builtin bool, paths []string) (fs.FS, error) {
	files := fstest.MapFS{}
	add := func(name string, data []byte, from string) error {
		if _, taken := files[name]; taken {
			return fmt.Errorf("two feature files would be named %s (one is %s): rename one", name, from)
		}
		files[name] = &fstest.MapFile{Data: data}
		return nil
	}
	if builtin {
		err := fs.WalkDir(features.FS, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := fs.ReadFile(features.FS, p)
			if err != nil {
				return err
			}
			return add(p, data, "graphconform's own "+p)
		})
		if err != nil {
			return nil, fmt.Errorf("read the built-in features: %w", err)
		}
	}
	for _, root := range paths {
		found := 0
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() || filepath.Ext(p) != ".feature" {
				if p == root && !d.IsDir() {
					return fmt.Errorf("%s is not a .feature file", p)
				}
				return nil
			}
			data, err := readFeatureFile(p)
			if err != nil {
				return err
			}
			found++
			return add(featureName(root, p), data, p)
		})
		if err != nil {
			return nil, fmt.Errorf("--features %s: %w", root, err)
		}
		if found == 0 {
			return nil, fmt.Errorf("--features %s: no .feature file there", root)
		}
	}
	if len(files) == 0 {
		return nil, errors.New("no feature files: give --features, or run the built-in ones")
	}
	return files, nil
}

// readFeatureFile reads a feature file of at most maxFeatureFileBytes.
func readFeatureFile(p string) ([]byte, error) {
	info, err := os.Stat(p)
	if err != nil {
		return nil, err
	}
	if info.Size() > maxFeatureFileBytes {
		return nil, fmt.Errorf("%s is %d bytes; a feature file may have at most %d", p, info.Size(), maxFeatureFileBytes)
	}
	return os.ReadFile(p)
}

// featureName is the name of file p, found below root, in a run's feature files.
func featureName(root, p string) string {
	if clean := filepath.Clean(p); filepath.IsLocal(clean) {
		return filepath.ToSlash(clean)
	}
	rel, err := filepath.Rel(root, p)
	if err != nil || rel == "." {
		return filepath.Base(p)
	}
	return path.Join(filepath.Base(filepath.Clean(root)), filepath.ToSlash(strings.TrimPrefix(rel, "./")))
}

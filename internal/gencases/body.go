package gencases

import "slices"

// The bodies cases start from are JSON values as encoding/json decodes them: map[string]any,
// []any, strings, float64, bool and nil. Every change copies the body first.

// clone copies a JSON value deeply.
func clone(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, e := range v {
			out[k] = clone(e)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = clone(e)
		}
		return out
	}
	return v
}

// has tells whether the body holds a value at path.
func has(body any, path []step) bool {
	_, ok := get(body, path)
	return ok
}

func get(body any, path []step) (any, bool) {
	cur := body
	for _, s := range path {
		switch c := cur.(type) {
		case map[string]any:
			if s.isIndex {
				return nil, false
			}
			v, ok := c[s.name]
			if !ok {
				return nil, false
			}
			cur = v
		case []any:
			if !s.isIndex || s.index >= len(c) {
				return nil, false
			}
			cur = c[s.index]
		default:
			return nil, false
		}
	}
	return cur, true
}

// set returns a copy of the body with v at path, making the objects and arrays on the way.
func set(body any, path []step, v any) any {
	if len(path) == 0 {
		return clone(v)
	}
	s := path[0]
	if s.isIndex {
		arr, _ := clone(body).([]any)
		for len(arr) <= s.index {
			arr = append(arr, nil)
		}
		arr[s.index] = set(arr[s.index], path[1:], v)
		return arr
	}
	obj, ok := clone(body).(map[string]any)
	if !ok {
		obj = map[string]any{}
	}
	obj[s.name] = set(obj[s.name], path[1:], v)
	return obj
}

// remove returns a copy of the body without the value at path.
func remove(body any, path []step) any {
	out := clone(body)
	if len(path) == 0 {
		return nil
	}
	s := path[0]
	switch c := out.(type) {
	case map[string]any:
		if s.isIndex {
			return out
		}
		if len(path) == 1 {
			delete(c, s.name)
		} else if child, ok := c[s.name]; ok {
			c[s.name] = remove(child, path[1:])
		}
	case []any:
		if !s.isIndex || s.index >= len(c) {
			return out
		}
		if len(path) == 1 {
			return slices.Delete(c, s.index, s.index+1)
		}
		c[s.index] = remove(c[s.index], path[1:])
	}
	return out
}

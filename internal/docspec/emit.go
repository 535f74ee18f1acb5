package docspec

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// omap is an ordered mapping: the builder's model of a YAML object, emitted in insertion order.
type omap struct {
	keys []string
	vals map[string]any
}

// newMap returns a mapping of the given key, value pairs; a nil value is left out.
func newMap(kv ...any) *omap {
	m := &omap{vals: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		m.set(kv[i].(string), kv[i+1])
	}
	return m
}

// set sets k to v, keeping k's place if it is there already. A nil v (or a nil *omap) is ignored;
// use null{} for an explicit null.
func (m *omap) set(k string, v any) *omap {
	if v == nil {
		return m
	}
	if mm, ok := v.(*omap); ok && mm == nil {
		return m
	}
	if _, ok := m.vals[k]; !ok {
		m.keys = append(m.keys, k)
	}
	m.vals[k] = v
	return m
}

func (m *omap) get(k string) any { return m.vals[k] }

func (m *omap) has(k string) bool { _, ok := m.vals[k]; return ok }

func (m *omap) len() int { return len(m.keys) }

// null is an explicit YAML null.
type null struct{}

// flow is a sequence emitted in flow style: [a, b].
type flow []any

// emitYAML renders the model as YAML with two-space indentation.
func emitYAML(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(toNode(v)); err != nil {
		return nil, fmt.Errorf("encode the description as YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode the description as YAML: %w", err)
	}
	return buf.Bytes(), nil
}

func toNode(v any) *yaml.Node {
	switch v := v.(type) {
	case *omap:
		n := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
		for _, k := range v.keys {
			n.Content = append(n.Content, scalar("!!str", k), toNode(v.vals[k]))
		}
		return n
	case []any:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, e := range v {
			n.Content = append(n.Content, toNode(e))
		}
		return n
	case flow:
		n := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
		for _, e := range v {
			n.Content = append(n.Content, toNode(e))
		}
		return n
	case []string:
		out := make(flow, len(v))
		for i, s := range v {
			out[i] = s
		}
		return toNode(out)
	case string:
		n := scalar("!!str", v)
		if strings.Contains(v, "\n") {
			n.Style = yaml.LiteralStyle
		}
		return n
	case bool:
		return scalar("!!bool", fmt.Sprint(v))
	case int:
		return scalar("!!int", fmt.Sprint(v))
	case json.Number:
		if _, err := v.Int64(); err == nil {
			return scalar("!!int", v.String())
		}
		return scalar("!!float", v.String())
	case float64:
		return scalar("!!float", fmt.Sprint(v))
	case null, nil:
		return scalar("!!null", "null")
	default:
		panic(fmt.Sprintf("docspec: cannot emit %T", v))
	}
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

// decodeJSON parses JSON keeping the order of object members: objects become *omap, arrays []any,
// numbers json.Number and null null{}.
func decodeJSON(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	v, err := decodeValue(dec)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); err == nil {
		return nil, fmt.Errorf("text follows the JSON value: an example body holds exactly one JSON value")
	}
	return v, nil
}

func decodeValue(dec *json.Decoder) (any, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			m := newMap()
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				k, _ := kt.(string)
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				m.set(k, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return m, nil
		case '[':
			out := []any{}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return out, nil
		}
		return nil, fmt.Errorf("unexpected %v where a JSON value should start", t)
	case nil:
		return null{}, nil
	default:
		return t, nil
	}
}

package docspec

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// An example body is held as the YAML node it is emitted as: objects are mapping nodes whose
// members keep the page's order, arrays sequence nodes, strings, numbers, booleans and null scalar
// nodes. The builder reads them through member, items and stringValue, never through untyped maps.

// decodeJSON parses one JSON value into a YAML node, keeping the order of object members; a
// member given twice keeps its first place and its last value.
func decodeJSON(data []byte) (*yaml.Node, error) {
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

// jsonErrorLine returns the page line a JSON error of a body starting on page line first points
// at, or first when the error gives no place.
func jsonErrorLine(body []byte, first int, err error) int {
	var syntax *json.SyntaxError
	if !errors.As(err, &syntax) || syntax.Offset <= 0 || int(syntax.Offset) > len(body) {
		return first
	}
	return first + bytes.Count(body[:syntax.Offset-1], []byte("\n"))
}

func decodeValue(dec *json.Decoder) (*yaml.Node, error) {
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			obj := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
			for dec.More() {
				kt, err := dec.Token()
				if err != nil {
					return nil, err
				}
				key, ok := kt.(string)
				if !ok {
					return nil, fmt.Errorf("an object member's name is %v, not a string", kt)
				}
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				setMember(obj, key, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return obj, nil
		case '[':
			arr := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
			for dec.More() {
				v, err := decodeValue(dec)
				if err != nil {
					return nil, err
				}
				arr.Content = append(arr.Content, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, err
			}
			return arr, nil
		}
		return nil, fmt.Errorf("unexpected %v where a JSON value should start", t)
	case nil:
		return scalar("!!null", "null"), nil
	case bool:
		return scalar("!!bool", fmt.Sprint(t)), nil
	case json.Number:
		if _, err := t.Int64(); err == nil {
			return scalar("!!int", t.String()), nil
		}
		return scalar("!!float", t.String()), nil
	case string:
		return stringNode(t), nil
	}
	return nil, fmt.Errorf("unexpected JSON token %v", tok)
}

// setMember sets an object's member, keeping its place when it is there already.
func setMember(obj *yaml.Node, key string, v *yaml.Node) {
	for i := 0; i+1 < len(obj.Content); i += 2 {
		if obj.Content[i].Value == key {
			obj.Content[i+1] = v
			return
		}
	}
	obj.Content = append(obj.Content, scalar("!!str", key), v)
}

// member returns an object's member, or nil when v is no object or has no such member.
func member(v *yaml.Node, key string) *yaml.Node {
	if v == nil || v.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value == key {
			return v.Content[i+1]
		}
	}
	return nil
}

// memberNames returns an object's member names in order; none when v is no object.
func memberNames(v *yaml.Node) []string {
	if v == nil || v.Kind != yaml.MappingNode {
		return nil
	}
	var out []string
	for i := 0; i+1 < len(v.Content); i += 2 {
		out = append(out, v.Content[i].Value)
	}
	return out
}

// isObject tells whether v is a JSON object.
func isObject(v *yaml.Node) bool { return v != nil && v.Kind == yaml.MappingNode }

// items returns an array's items and whether v is an array.
func items(v *yaml.Node) ([]*yaml.Node, bool) {
	if v == nil || v.Kind != yaml.SequenceNode {
		return nil, false
	}
	return v.Content, true
}

// stringValue returns a JSON string's value and whether v is a string.
func stringValue(v *yaml.Node) (string, bool) {
	if v == nil || v.Kind != yaml.ScalarNode || v.Tag != "!!str" {
		return "", false
	}
	return v.Value, true
}

// stringNode is a string scalar, in literal style when it spans lines.
func stringNode(s string) *yaml.Node {
	n := scalar("!!str", s)
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func scalar(tag, value string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: value}
}

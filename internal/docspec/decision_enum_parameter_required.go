package docspec

import "fmt"

// DecisionEnumParameterRequired: an action's parameter table does not say which parameters are
// required.
const DecisionEnumParameterRequired = "enum-parameter-required"

var enumParameterRequired = DecisionRule{
	ID:   DecisionEnumParameterRequired,
	When: "an action's parameter table does not say whether a parameter of an enumeration type is required",
	Does: "takes the parameter as required and not nullable, as Graph's metadata declares updateSoftware's softwareType Nullable=\"false\"; other parameters stay optional and nullable, the OData default; \"Required.\" or \"Optional.\" in the description overrides this",
	find: func(m *model) []finding {
		var out []finding
		for _, op := range m.operations {
			if op.body == nil || op.body.kind != actionParameters {
				continue
			}
			for _, prm := range op.body.props {
				if prm.Type.Primitive() || m.types[prm.Type.Name] != nil || m.enums[prm.Type.Name] == nil || prm.Type.Collection ||
					prm.Required || prm.Optional || prm.Nullable || prm.NotNullable {
					continue
				}
				prop := op.body.schema.propertyOf(prm.Name)
				out = append(out, finding{
					at:    Location{Page: op.page.Name, Line: prm.Line},
					says:  fmt.Sprintf("the table does not say whether %s is required; as a parameter of the enumeration %s it is taken as required and not nullable", prm.Name, prm.Type.Name),
					apply: func() { prop.required = true },
				})
			}
		}
		return out
	},
}

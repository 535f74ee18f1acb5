package docspec

// DecisionPatchTableSaysCreate: a PATCH page says its table shows "the properties that are
// required when you create" the object.
const DecisionPatchTableSaysCreate = "patch-table-says-create"

var patchTableSaysCreate = DecisionRule{
	ID:            DecisionPatchTableSaysCreate,
	Contradiction: true,
	When:          "a PATCH page says its table shows the properties that are required when you create the object",
	Does:          "requires none of them: an update's body takes any non-empty subset of the type's properties and refuses others",
	find: func(m *model) []finding {
		var out []finding
		for _, op := range m.operations {
			if op.body == nil || op.body.kind != updateProperties {
				continue
			}
			for _, intro := range op.page.Operation.BodyIntro {
				if !saysRequiredWhenYouCreate(intro.Text) {
					continue
				}
				body := op.body
				out = append(out, finding{
					at:   Location{Page: op.page.Name, Line: intro.Line},
					says: "the update page says its table shows the properties required when you create the object; a PATCH requires none of them: the body takes any non-empty subset of the properties and refuses others",
					apply: func() {
						for _, p := range body.schema.properties {
							p.required = false
						}
					},
				})
			}
		}
		return out
	},
}

package steps

// Registrar is where steps are registered: godog's ScenarioContext, or the list Vocabulary makes.
type Registrar interface {
	// Step registers a step: its pattern (a regular expression or its source) and its function.
	Step(expr, stepFunc any)
}

// registerSteps registers the steps every scenario may use: the shared ones, each API's, and those
// of the mock's controls.
func registerSteps(sc Registrar, apis []API) {
	registerCommon(sc)
	for _, api := range apis {
		if api.Steps != nil {
			api.Steps(sc)
		}
	}
	registerAuth(sc, apis)
	registerMockControls(sc)
}

// Vocabulary lists the patterns of the steps scenarios of apis may use, in the order they are
// matched.
func Vocabulary(apis []API) []string {
	var list patternList
	registerSteps(&list, apis)
	return list
}

// patternList collects the patterns of registered steps.
type patternList []string

// Step records the pattern.
func (l *patternList) Step(expr, _ any) {
	switch e := expr.(type) {
	case string:
		*l = append(*l, e)
	case interface{ String() string }:
		*l = append(*l, e.String())
	}
}

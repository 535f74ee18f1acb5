package steps

import (
	"regexp"
	"sync"

	"github.com/cucumber/godog"
)

// compiledPatterns holds every step pattern compiled, by its source: godog compiles a pattern given
// as a string anew for every scenario, which cost as much as the rest of a suite run on the embedded
// mock. A *regexp.Regexp is safe for concurrent use; the memo holds no state of a run.
var compiledPatterns sync.Map // string → *regexp.Regexp

// compiledSteps registers steps on a scenario with their patterns compiled once per process.
type compiledSteps struct{ sc *godog.ScenarioContext }

// Step registers stepFunc under expr, compiled from the memo when it is a pattern's source.
func (c compiledSteps) Step(expr, stepFunc any) {
	if source, ok := expr.(string); ok {
		expr = compiledPattern(source)
	}
	c.sc.Step(expr, stepFunc)
}

// compiledPattern is source compiled, from the memo when it was compiled before. Like godog, it
// panics on a pattern that does not compile: the step definitions are the program's own.
func compiledPattern(source string) *regexp.Regexp {
	if re, ok := compiledPatterns.Load(source); ok {
		return re.(*regexp.Regexp)
	}
	re, _ := compiledPatterns.LoadOrStore(source, regexp.MustCompile(source))
	return re.(*regexp.Regexp)
}

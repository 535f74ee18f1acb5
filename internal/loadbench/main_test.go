package loadbench_test

import (
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/graphconform/graphconform/internal/loadbench"
)

// startsAServerEnv, set in its environment to a file name, makes the test binary a stand-in for a
// bench: it starts a server program (a shell that writes its pid to that file and sleeps) with
// StartProcess and waits to be killed, never stopping it.
const startsAServerEnv = "GRAPHCONFORM_TEST_STARTS_A_SERVER"

func TestMain(m *testing.M) {
	if pidFile := os.Getenv(startsAServerEnv); pidFile != "" {
		_, err := loadbench.StartProcess(loadbench.Program{Path: "sh", Args: []string{"-c", `echo $$ > "$1"; exec sleep 60`, "sh", pidFile}, Port: 1})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		time.Sleep(time.Minute) // killed by the test long before
		os.Exit(1)
	}
	os.Exit(m.Run())
}

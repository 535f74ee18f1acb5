package target

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestAnExclusiveHolderWaitsForTheOthersAndKeepsThemOut(t *testing.T) {
	g := &gate{}
	ctx := context.Background()
	shared, err := g.Hold(ctx, false)
	require.NoError(t, err)

	short, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	_, err = g.Hold(short, true)
	require.ErrorIs(t, err, context.DeadlineExceeded, "a shared holder keeps the exclusive one out")

	exclusive := make(chan func())
	go func() {
		release, err := g.Hold(ctx, true)
		if err == nil {
			exclusive <- release
		}
	}()
	time.Sleep(10 * time.Millisecond) // let the exclusive holder queue
	short2, cancel2 := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel2()
	_, err = g.Hold(short2, false)
	require.ErrorIs(t, err, context.DeadlineExceeded, "a waiting exclusive holder goes before later shared ones")

	shared()
	release := <-exclusive
	short3, cancel3 := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel3()
	_, err = g.Hold(short3, false)
	require.ErrorIs(t, err, context.DeadlineExceeded, "the exclusive holder holds it alone")
	release()

	again, err := g.Hold(ctx, false)
	require.NoError(t, err)
	again()
	again() // releasing twice is harmless
	last, err := g.Hold(ctx, true)
	require.NoError(t, err)
	last()
}

package scenes

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"boltzlab/share"
	"boltzlab/sim"
)

// worked returns a scene that a person has worked in: settings moved,
// weights edited, patterns stored, machines trained, the network run.
func worked(t *testing.T, name string) *harness {
	t.Helper()
	h := newHarness(t, name, 1280, 800)
	switch s := h.s.(type) {
	case *recall:
		s.temp.Set(0.7)
		for i := range 9 {
			s.chain.SetUnit(i, int8(1-2*(i%2)))
		}
		s.storeCurrent(h.ctx())
		s.paint.On, s.grid.Paint = false, false
		s.grid.Selected = 2
	case *sigmoid:
		s.gap.Set(-7.25)
		s.temp.Set(3.5)
		s.zoom(+1)
		s.restart()
	case *distribution:
		s.temp.Set(2.5)
		s.setValue(3, -1.75)
		s.setValue(8, 0.5)
		s.choose(8)
		s.sorted.On = true
		s.sortBars()
		s.logScale.On = true
	case *annealing:
		s.cooling = sim.Linear
		s.sweeps.Set(40)
		s.t0.Set(7)
		s.run = 3
		s.startDescent()
	case *learning:
		s.rate.Set(0.4)
		s.samplePositive.On = true
		s.applySampling()
	case *digitsScene:
		s.rate.Set(0.02)
		s.dreamK.Set(3)
		s.ink.On = true
		s.apply(digitsState{Rate: s.rate.Value, Speed: s.speed(), DreamK: s.dreamK.Value, Dream: !s.dream.On, Digit: 17, Ink: true, Live: s.live.On})
	case *rbmLab:
		s.rate.Set(0.5)
		s.k.Set(3)
		s.applySettings()
		s.loadNoisy(2)
		s.sel = 5
	}
	h.s.SetRunning(true)
	for range 12 {
		h.step(t)
	}
	h.s.SetRunning(false)
	return h
}

func stateJSON(t *testing.T, s Scene) string {
	t.Helper()
	st, err := s.State()
	require.NoError(t, err)
	js, err := EncodeState(st)
	require.NoError(t, err)
	return string(js)
}

// Every scene's state survives a trip through SetState on a fresh scene
// of another seed, through JSON and through a share code, exactly; and
// the restored scene runs on.
func TestStateRoundTrip(t *testing.T) {
	for _, e := range Registry() {
		t.Run(e.Name, func(t *testing.T) {
			h := worked(t, e.Name)
			st, err := h.s.State()
			require.NoError(t, err)
			want := stateJSON(t, h.s)
			assert.NotEqual(t, stateJSON(t, e.New(7)), want, "working changed the state")

			fresh := e.New(99)
			require.NoError(t, fresh.SetState(st))
			assert.Equal(t, want, stateJSON(t, fresh), "State → SetState → State")

			js, err := EncodeState(st)
			require.NoError(t, err)
			back, err := DecodeState(js)
			require.NoError(t, err)
			fresh = e.New(5)
			require.NoError(t, fresh.SetState(back))
			assert.Equal(t, want, stateJSON(t, fresh), "through JSON")

			code, err := CodeOf(st)
			require.NoError(t, err)
			assert.True(t, strings.HasPrefix(code, "1."+e.Name+"."), code)
			assert.Less(t, len(code), 4000, "a code short enough for a link")
			back, err = StateOfCode(code)
			require.NoError(t, err)
			fresh = e.New(5)
			require.NoError(t, fresh.SetState(back))
			assert.Equal(t, want, stateJSON(t, fresh), "through a share code")

			// Through the Manager: the code opens its scene, at its seed.
			m, err := NewManager(Options{Scene: "recall", Seed: 4})
			require.NoError(t, err)
			require.NoError(t, m.OpenCode(code))
			assert.Equal(t, e.Name, m.ActiveName())
			assert.Equal(t, uint64(1), m.Seed())
			got, err := m.State()
			require.NoError(t, err)
			assert.True(t, m.Changed(got))
			js2, _ := EncodeState(got)
			assert.Equal(t, want, string(js2), "through the Manager")

			// The restored scene runs and draws.
			h2 := newHarness(t, e.Name, 1280, 800)
			require.NoError(t, h2.s.SetState(st))
			h2.s.SetRunning(true)
			for range 5 {
				h2.step(t)
			}
			h2.draw()
			for _, j := range h2.s.Jobs() {
				j.Cancel()
			}
		})
	}
}

// mutations returns states made from st by changing one thing each: every
// field of its data removed, nulled, or given a value of a wrong kind or
// out of range, plus an unknown field.
func mutations(t *testing.T, st State) []State {
	var data map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(st.Data, &data))
	var out []State
	with := func(d map[string]json.RawMessage) {
		js, err := json.Marshal(d)
		require.NoError(t, err)
		c := st
		c.Data = js
		out = append(out, c)
	}
	for k := range data {
		for _, v := range []string{"", "null", "-1", "1e300", "-1e300", "\"x\"", "[]", "{}", "true", "1000000", "[1e300]", "0.5", "[[1]]", "\"" + strings.Repeat("x", 200) + "\""} {
			d := map[string]json.RawMessage{}
			for k2, v2 := range data {
				d[k2] = v2
			}
			if v == "" {
				delete(d, k)
			} else {
				d[k] = json.RawMessage(v)
			}
			with(d)
		}
	}
	d := map[string]json.RawMessage{"extra": json.RawMessage("1")}
	for k2, v2 := range data {
		d[k2] = v2
	}
	with(d)
	return out
}

// A bad state is refused and changes nothing; a state that is accepted
// round-trips like any other.
func TestStateRefusals(t *testing.T) {
	for _, e := range Registry() {
		t.Run(e.Name, func(t *testing.T) {
			h := worked(t, e.Name)
			st, err := h.s.State()
			require.NoError(t, err)
			target := worked(t, e.Name)
			target.s.(interface{ Reset() string }).Reset()
			before := stateJSON(t, target.s)

			must := []State{
				{Scene: "nope", Version: 1, Seed: st.Seed, Data: st.Data},
				{Scene: other(e.Name), Version: 1, Seed: st.Seed, Data: st.Data},
				{Scene: e.Name, Version: 2, Seed: st.Seed, Data: st.Data},
				{Scene: e.Name, Version: 0, Seed: st.Seed, Data: st.Data},
				{Scene: e.Name, Version: 1, Seed: st.Seed, Data: json.RawMessage(`null`)},
				{Scene: e.Name, Version: 1, Seed: st.Seed, Data: json.RawMessage(`[]`)},
				{Scene: e.Name, Version: 1, Seed: st.Seed, Data: json.RawMessage(`{}`)},
				{Scene: e.Name, Version: 1, Seed: st.Seed, Data: st.Data[:len(st.Data)/2]},
			}
			for _, bad := range must {
				err := target.s.SetState(bad)
				require.Error(t, err, "%s", bad.Data)
				assert.NotContains(t, err.Error(), "\n")
				require.Equal(t, before, stateJSON(t, target.s), "a refused state changed nothing")
			}
			// Every field is required: a state without one is refused.
			var fields map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(st.Data, &fields))
			for k := range fields {
				d := map[string]json.RawMessage{}
				for k2, v2 := range fields {
					if k2 != k {
						d[k2] = v2
					}
				}
				js, _ := json.Marshal(d)
				err := target.s.SetState(State{Scene: e.Name, Version: 1, Seed: st.Seed, Data: js})
				require.Error(t, err, "without %q", k)
				assert.Contains(t, err.Error(), k)
				require.Equal(t, before, stateJSON(t, target.s))
			}
			refusedN := 0
			for _, m := range mutations(t, st) {
				if err := target.s.SetState(m); err != nil {
					refusedN++
					require.Equal(t, before, stateJSON(t, target.s), "refused %s: %v", m.Data, err)
					continue
				}
				// Accepted: it is what the scene now says.
				got, err := target.s.State()
				require.NoError(t, err)
				again := e.New(3)
				require.NoError(t, again.SetState(got))
				require.Equal(t, stateJSON(t, target.s), stateJSON(t, again))
				require.NoError(t, target.s.SetState(mustState(t, before)))
				require.Equal(t, before, stateJSON(t, target.s))
			}
			assert.Greater(t, refusedN, 0)
		})
	}
}

func mustState(t *testing.T, js string) State {
	st, err := DecodeState([]byte(js))
	require.NoError(t, err)
	return st
}

func other(name string) string {
	if name == "recall" {
		return "sigmoid"
	}
	return "recall"
}

// The Manager refuses a bad code or file with nothing changed: not the
// scene on screen, not the seed, not the state.
func TestManagerRefusesBadCodes(t *testing.T) {
	m, err := NewManager(Options{Scene: "sigmoid", Seed: 3})
	require.NoError(t, err)
	st, _ := m.State()
	good, err := CodeOf(st)
	require.NoError(t, err)
	before, _ := EncodeState(st)
	js, _ := EncodeState(State{Scene: "recall", Version: 1, Seed: 3, Data: json.RawMessage(`{"t":1}`)})
	badData, _ := share.Encode("recall", js)
	future, _ := EncodeState(State{Scene: "sigmoid", Version: 9, Seed: 3, Data: st.Data})
	futureCode, _ := share.Encode("sigmoid", future)
	misnamed, _ := share.Encode("recall", before)
	for _, code := range []string{"", "junk", good[:len(good)-4], "2" + good[1:], badData, futureCode, misnamed, good + "x"} {
		require.Error(t, m.OpenCode(code), code)
		assert.Equal(t, "sigmoid", m.ActiveName())
		assert.Equal(t, uint64(3), m.Seed())
		now, _ := m.State()
		js, _ := EncodeState(now)
		assert.Equal(t, string(before), string(js))
	}
	for _, file := range []string{"", "{}", "null", `{"scene":"sigmoid","version":1,"seed":3,"data":{}}`, string(before) + "x"} {
		require.Error(t, m.openJSON([]byte(file)), file)
		assert.Equal(t, "sigmoid", m.ActiveName())
	}
	require.NoError(t, m.OpenCode(good))
}

// FuzzSetState feeds every scene arbitrary data: no panic, and a refused
// state leaves the scene exactly as it was. Seed corpus:
// testdata/fuzz/FuzzSetState.
func FuzzSetState(f *testing.F) {
	for k, e := range Registry() {
		st, err := e.New(1).State()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(k), []byte(st.Data))
	}
	scenes := map[int]Scene{}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		reg := Registry()
		e := reg[int(k)%len(reg)]
		s := scenes[int(k)%len(reg)]
		if s == nil {
			s = e.New(1)
			scenes[int(k)%len(reg)] = s
		}
		before := stateJSON(t, s)
		if err := s.SetState(State{Scene: e.Name, Version: 1, Seed: 1, Data: data}); err != nil {
			if after := stateJSON(t, s); after != before {
				t.Fatalf("a refused state changed the scene: %v", err)
			}
			return
		}
		got := stateJSON(t, s)
		again := e.New(2)
		require.NoError(t, again.SetState(mustState(t, got)))
		require.Equal(t, got, stateJSON(t, again))
		cancelJobs(again) // a restored race would run on for nothing
	})
}

// Keep brings back kept states: at once for a scene already made, on the
// first visit for the others; a state of another seed is not taken.
func TestManagerKeep(t *testing.T) {
	src, err := NewManager(Options{Scene: "distribution", Seed: 1})
	require.NoError(t, err)
	want := map[string]string{}
	for _, name := range []string{"recall", "distribution"} {
		h := worked(t, name)
		st, err := h.s.State()
		require.NoError(t, err)
		want[name] = stateJSON(t, h.s)
		assert.True(t, src.Keep(st), name)
	}
	assert.True(t, src.Changed(mustState(t, stateJSON(t, src.Scene()))), "the scene on screen took its state at once")
	assert.Equal(t, want["distribution"], stateJSON(t, src.Scene()))
	require.True(t, src.SwitchByName("recall"))
	assert.Equal(t, want["recall"], stateJSON(t, src.Scene()), "a scene made later takes its kept state")

	other, _ := worked(t, "sigmoid").s.State()
	other.Seed = 2
	assert.False(t, src.Keep(other), "a state of another seed belongs to another lab")
	bad := other
	bad.Seed, bad.Data = 1, json.RawMessage(`{}`)
	assert.False(t, src.Keep(bad) && src.SwitchByName("sigmoid") && src.Changed(mustState(t, stateJSON(t, src.Scene()))), "a refused state leaves the scene fresh")
}

// On the desktop Ctrl+S writes the scene's file in the working directory
// and Ctrl+O reads it back; a damaged file is refused and changes nothing.
func TestSaveAndOpenFile(t *testing.T) {
	t.Chdir(t.TempDir())
	h := worked(t, "distribution")
	want := stateJSON(t, h.s)
	h.m.saveScene()
	require.FileExists(t, FileName("distribution"))
	require.NoError(t, h.m.OpenCode(mustCode(t, "distribution")))
	assert.NotEqual(t, want, stateJSON(t, h.m.Scene()))
	pickFile(h.m)
	assert.Equal(t, want, stateJSON(t, h.m.Scene()), "Ctrl+O brings the saved scene back")
	require.NoError(t, os.WriteFile(FileName("distribution"), []byte(`{"scene":"distribution","version":1,"seed":1,"data":{"t":1e9}}`), 0o644))
	pickFile(h.m)
	assert.Equal(t, want, stateJSON(t, h.m.Scene()), "a damaged file changes nothing")
	assert.Contains(t, h.m.notice, "Not opened, nothing changed")
}

// mustCode returns the code of a fresh scene.
func mustCode(t *testing.T, name string) string {
	for _, e := range Registry() {
		if e.Name == name {
			st, err := e.New(1).State()
			require.NoError(t, err)
			code, err := CodeOf(st)
			require.NoError(t, err)
			return code
		}
	}
	t.Fatal("no scene " + name)
	return ""
}

#pragma once
// Everything `mesomap validate` checks, as a function: the file's structure and values, the
// geometry on a body, and the reference map scored against its own rules. The CLI prints these
// problems; the scenario builder lists them live, with the same words.
#include <vector>

#include "core/protocol/scenario.h"
#include "core/scoring/scoring.h"

namespace mesomap {

// Checks of a scenario that reads cleanly, on a body (its standard landmarks already applied
// with useBodyLandmarks): points and zones on the skin, offsets that stay on the body, and
// the reference map's own perfect attempt passing with nothing to correct.
std::vector<Problem> checkScenarioOnBody(const Scenario& scenario, const ScoringBody& body);

// An in-memory scenario (the builder's) checked exactly as its file would be: written to JSON
// and read back (so every structural message is the reader's), then checked on the body.
// The scenario's bodyLandmarks (the body's standard set it may name) carry over.
std::vector<Problem> validateScenario(const Scenario& scenario, const ScoringBody& body);

}  // namespace mesomap

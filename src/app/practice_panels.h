#pragma once
// Practice mode's windows as free functions over the model's plain data: they draw, and say
// what the trainee asked for as an action; PracticeSession carries the actions out. So the
// rules stay testable without a window, and the panels in an ImGui context with no backend.
#include <cstddef>
#include <string>
#include <vector>

#include "app/model/practice_model.h"

namespace mesomap::app {

struct PracticeAction {
  enum class Kind { None, Start, Submit, Export, RetryKeepingPoints, Restart, OpenProgress, LookAtFeedback,
                    UseListedPatient, UseRandomPatient };
  Kind kind = Kind::None;
  // Start: the library entry; LookAtFeedback: the item; UseListedPatient: the scenario's patient.
  size_t index = 0;
  AttemptMode mode = AttemptMode::Practice;  // Start
};

// The picker's own state: open, which scenario and mode are chosen, the trainee's name.
struct PickerState {
  bool open = false;
  size_t selection = 0;
  AttemptMode mode = AttemptMode::Practice;
  std::string trainee;
};

// The scenario picker: the library with each scenario's details, the mode, the trainee's name.
PracticeAction drawScenarioPicker(PickerState& picker, const std::vector<LibraryEntry>& library);
// The session panel: scenario, mode, timer, live score, Submit; after submitting, the result
// with its components and feedback lines (a click asks to look at the line's point).
PracticeAction drawSessionPanel(const PracticeModel& model);
// Scores over time per scenario and the weakest components; `current` opens its own section.
void drawProgressWindow(bool& open, const std::vector<ProgressHistory>& history, bool hasStore,
                        const std::string& trainee, const Scenario* current);

}  // namespace mesomap::app

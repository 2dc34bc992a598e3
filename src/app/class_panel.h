#pragma once
// The Class window as a free function over the class model (app/model/class_model.h): it draws
// the class — assignments, who has done what, scores over time, the weakest components, and the
// signed-in trainee's own assignments — and says what was asked for as an action, which the
// application carries out (a Start becomes a practice session, on the assignment's patient).
#include <cstddef>
#include <string>
#include <vector>

#include "app/model/class_model.h"
#include "app/model/scenario_library.h"

namespace mesomap::app {

struct ClassAction {
  enum class Kind { None, Refresh, ChooseClass, Start };
  Kind kind = Kind::None;
  // Start: the library entry of the assignment's scenario, its mode and patient ("" for none).
  size_t libraryIndex = 0;
  AttemptMode mode = AttemptMode::Practice;
  std::string patient;
  std::string classId;  // ChooseClass
};

// The library entry whose scenario has this id, or library.size() when none has.
size_t libraryIndexOf(const std::vector<LibraryEntry>& library, const std::string& scenarioId);

// `trainee`: the signed-in trainee's name (settings), "" for none.
ClassAction drawClassWindow(bool& open, const ClassModel& model, const std::vector<LibraryEntry>& library,
                            const std::string& trainee);

}  // namespace mesomap::app

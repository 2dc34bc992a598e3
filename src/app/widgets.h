#pragma once
// Small ImGui controls shared by the practice panels and the scenario builder, so one domain
// rule (the needles on offer, a range's bounds) has one control.
#include <string>

namespace mesomap::app {

// The needle list (core/protocol/needle_spec.h). A needle text that is not on it (a file's own
// "32G 6 mm") is shown as one more entry and kept until the user picks another.
bool needleCombo(const char* label, std::string& needle);

}  // namespace mesomap::app

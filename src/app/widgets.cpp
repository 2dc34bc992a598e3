#include "app/widgets.h"

#include <vector>

#include <imgui.h>

#include "core/protocol/needle_spec.h"

namespace mesomap::app {

bool needleCombo(const char* label, std::string& needle) {
  std::vector<const char*> items(kNeedleChoices.begin(), kNeedleChoices.end());
  int current = -1;
  for (size_t i = 0; i < items.size(); ++i)
    if (needle == items[i]) current = int(i);
  if (current < 0) {
    items.push_back(needle.c_str());
    current = int(items.size()) - 1;
  }
  if (!ImGui::Combo(label, &current, items.data(), int(items.size()))) return false;
  const std::string chosen = items[size_t(current)];
  if (chosen == needle) return false;
  needle = chosen;
  return true;
}

}  // namespace mesomap::app

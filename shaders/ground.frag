#version 330 core
// Soft contact shadow: darkest under the feet, fading to nothing at the rim. Blended over the
// backdrop so the body stands on something without a visible floor edge.
in vec2 v_local;
uniform float u_strength;
out vec4 o_color;
void main() {
  float r = length(v_local * vec2(1.0, 1.6));
  float shade = u_strength * (1.0 - smoothstep(0.0, 1.0, r)) * (1.0 - smoothstep(0.0, 1.0, r));
  o_color = vec4(0.0, 0.0, 0.0, shade);
}

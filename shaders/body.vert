#version 330 core
layout(location = 0) in vec3 a_position;
layout(location = 1) in vec3 a_normal;
uniform mat4 u_view;
uniform mat4 u_projection;
out vec3 v_viewPosition;
out vec3 v_viewNormal;
out float v_height;
void main() {
  vec4 viewPosition = u_view * vec4(a_position, 1.0);
  v_viewPosition = viewPosition.xyz;
  // The model matrix is the identity (bodies are normalised on load), so the normal only
  // needs the view's rotation.
  v_viewNormal = mat3(u_view) * a_normal;
  v_height = a_position.y;
  gl_Position = u_projection * viewPosition;
}

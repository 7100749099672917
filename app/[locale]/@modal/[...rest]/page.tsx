// Any other soft navigation clears the modal slot.
export default function NoModal() {
  return null;
}
